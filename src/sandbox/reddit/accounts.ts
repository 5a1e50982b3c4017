import type { Corpus, Subreddit } from '../corpus/story.js';
import { createRandom, hashString, hexFrom } from '../random.js';
import { float, type RedditJson } from './serialize.js';

/**
 * Reddit accounts (whoever signs in on the consent page) and subreddits as `t5` Things. An
 * account's subscriptions derive from its name, so each sandbox user sees a stable front page.
 */

const id36 = (name: string): string => (hashString(`user:${name}`)[0] % 2_000_000_000).toString(36);

/** The subreddits a user is subscribed to: a few big ones plus a name-dependent handful. */
export function subscriptionsOf(user: string, corpus: Corpus): Subreddit[] {
  const r = createRandom(`subscriptions:${user}`);
  const core = corpus.subreddits.filter((s) =>
    ['worldnews', 'news', 'technology', 'science'].includes(s.name),
  );
  const others = r.sample(
    corpus.subreddits.filter((s) => !core.includes(s) && !s.over18),
    r.int(4, 8),
  );
  return [...core, ...others].sort((a, b) => a.name.localeCompare(b.name));
}

const icon = (key: string): string =>
  `https://styles.redditmedia.com/t5_${key}/styles/profileIcon_${hexFrom(key, 12)}.png?width=256&height=256&crop=256:256,smart&s=${hexFrom(`s:${key}`, 40)}`;

/** The bare account object /api/v1/me returns (not wrapped in kind/data). */
export function account(user: string): Record<string, RedditJson> {
  const [h1, h2] = hashString(`account:${user}`);
  const created = 1_300_000_000 + (h1 % 400_000_000);
  const linkKarma = h2 % 20_000;
  const commentKarma = (h1 >>> 3) % 50_000;
  return {
    is_employee: false,
    has_visited_new_profile: false,
    is_friend: false,
    pref_no_profanity: true,
    has_external_account: false,
    pref_geopopular: '',
    pref_show_trending: true,
    subreddit: {
      default_set: true,
      user_is_contributor: false,
      banner_img: '',
      restrict_posting: true,
      user_is_banned: false,
      free_form_reports: true,
      community_icon: null,
      show_media: true,
      icon_color: '',
      user_is_muted: null,
      display_name: `u_${user}`,
      header_img: null,
      title: '',
      over_18: false,
      icon_size: [256, 256],
      primary_color: '',
      icon_img: icon(user),
      description: '',
      submit_link_label: '',
      header_size: null,
      restrict_commenting: false,
      subscribers: 0,
      submit_text_label: '',
      is_default_icon: true,
      link_flair_position: '',
      display_name_prefixed: `u/${user}`,
      key_color: '',
      name: `t5_${id36(`profile:${user}`)}`,
      is_default_banner: true,
      url: `/user/${user}/`,
      quarantine: false,
      banner_size: null,
      user_is_moderator: false,
      accept_followers: true,
      public_description: '',
      link_flair_enabled: false,
      disable_contributor_requests: false,
      subreddit_type: 'user',
      user_is_subscriber: false,
    },
    pref_show_presence: false,
    snoovatar_img: '',
    snoovatar_size: null,
    gold_expiration: null,
    has_gold_subscription: false,
    is_sponsor: false,
    num_friends: 0,
    features: { chat: true },
    can_edit_name: false,
    verified: true,
    has_subscribed_to_premium: false,
    pref_autoplay: true,
    coins: 0,
    has_paypal_subscription: false,
    has_subscribed: true,
    linked_identities: [],
    has_stripe_subscription: false,
    can_create_subreddit: true,
    over_18: false,
    is_gold: false,
    is_mod: false,
    awarder_karma: 0,
    suspension_expiration_utc: null,
    has_verified_email: true,
    is_suspended: false,
    pref_video_autoplay: true,
    in_chat: true,
    has_android_subscription: false,
    in_redesign_beta: true,
    icon_img: icon(user),
    has_mod_mail: false,
    pref_nightmode: false,
    awardee_karma: 0,
    hide_from_robots: false,
    password_set: true,
    link_karma: linkKarma,
    force_password_reset: false,
    total_karma: linkKarma + commentKarma,
    inbox_count: 0,
    pref_top_karma_subreddits: true,
    has_mail: false,
    pref_show_snoovatar: false,
    name: user,
    pref_clickgadget: 5,
    created: float(created),
    gold_creddits: 0,
    created_utc: float(created),
    has_ios_subscription: false,
    pref_show_twitter: false,
    in_beta: false,
    comment_karma: commentKarma,
    accept_followers: true,
    has_subscribed_to_premium_plus: false,
    id: id36(user),
  };
}

/** A subreddit as a `t5` Thing's data (note `over18` without the underscore t3 uses). */
export function t5(sub: Subreddit, subscriber: boolean): Record<string, RedditJson> {
  return {
    display_name: sub.name,
    display_name_prefixed: `r/${sub.name}`,
    name: `t5_${sub.id36}`,
    id: sub.id36,
    title: sub.title,
    url: `/r/${sub.name}/`,
    subscribers: sub.subscribers,
    over18: sub.over18,
    subreddit_type: 'public',
    created: float(sub.createdUtc),
    created_utc: float(sub.createdUtc),
    public_description: sub.description,
    description: `${sub.description}\n\n**Rules** – be civil & cite sources.`,
    lang: sub.language,
    icon_img: '',
    community_icon: icon(sub.id36),
    user_is_subscriber: subscriber,
    user_is_banned: false,
    user_is_moderator: false,
    quarantine: false,
    advertiser_category: '',
    allow_images: true,
    header_img: null,
    banner_img: '',
    key_color: '',
    primary_color: '',
    submission_type: 'any',
    wiki_enabled: true,
    accounts_active: null,
    active_user_count: null,
  };
}
