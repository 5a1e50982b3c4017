import type { ArticleDraft } from '../../articles/article.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { isProviderError } from '../../providers/provider-error.js';
import type { RedditClient } from '../../providers/reddit/reddit.client.js';
import type { ProviderPage } from '../../providers/provider.js';
import type { MyRedditArticle, MyRedditHot } from './my-reddit.schemas.js';
import {
  asUpstreamFailure,
  isRejectedAccessToken,
  noCancel,
  requireClient,
} from './reddit-failures.js';
import type { RedditTokenService } from './reddit-token.service.js';

export interface MyRedditService {
  /** Hot posts of the subreddits the user follows on Reddit, as articles, stored on the way. */
  hot(userId: string, limit: number): Promise<MyRedditHot>;
}

/**
 * "My Reddit": the user's own front page (GET /hot with their token), adapted by the Reddit
 * provider's adapter like every other Reddit listing. A token Reddit refuses is renewed once and
 * the call retried once (prawcore's rule). The write-through to the article store never fails
 * the response: `persisted: false` and null article ids say it did not happen.
 */
export function createMyRedditService(deps: {
  client: RedditClient | undefined;
  tokens: RedditTokenService;
  persist: (drafts: readonly ArticleDraft[]) => Promise<ReadonlyMap<string, string>>;
  clock: Clock;
  log: Logger;
}): MyRedditService {
  const { tokens, clock, log } = deps;

  const fetchHot = async (userId: string, limit: number): Promise<ProviderPage> => {
    const client = requireClient(deps.client);
    const token = await tokens.accessToken(userId);
    try {
      return await client.userHot(token, limit, noCancel());
    } catch (error) {
      if (!isRejectedAccessToken(error)) throw refusal(error);
    }
    const renewed = await tokens.accessToken(userId, { rejected: token });
    try {
      return await client.userHot(renewed, limit, noCancel());
    } catch (error) {
      throw refusal(error);
    }
  };

  return {
    async hot(userId, limit) {
      const page = await fetchHot(userId, limit);
      let ids: ReadonlyMap<string, string> = new Map();
      let persisted = true;
      try {
        ids = await deps.persist(page.articles);
      } catch (error) {
        persisted = false;
        log.warn({ err: error, userId, provider: 'reddit' }, 'My Reddit write-through failed');
      }
      return { articles: groupByStory(page.articles, ids), persisted, fetchedAt: clock.now() };
    },
  };
}

// A token Reddit still refuses after renewal, or one without the scope the call needs: only a
// new sign-in (a new grant) can help.
function refusal(error: unknown): unknown {
  if (isProviderError(error) && error.kind === 'auth') {
    return new AppError('reddit_reauth_required', 'Sign in with Reddit again', { cause: error });
  }
  return asUpstreamFailure(error, 'list your subreddits');
}

/** One entry per story in Reddit's order; a link posted in several subreddits lists each. */
function groupByStory(
  drafts: readonly ArticleDraft[],
  ids: ReadonlyMap<string, string>,
): MyRedditArticle[] {
  const stories = new Map<string, MyRedditArticle>();
  for (const draft of drafts) {
    const { source } = draft;
    const sighting = {
      provider: source.provider,
      providerId: source.providerId,
      outlet: source.outlet,
      url: source.providerUrl,
      score: source.score,
      comments: source.comments,
    };
    const story = stories.get(draft.canonicalUrl);
    if (story !== undefined) {
      story.sources.push(sighting);
      if (source.outlet !== null && !story.outlets.includes(source.outlet)) {
        story.outlets.push(source.outlet);
      }
      continue;
    }
    stories.set(draft.canonicalUrl, {
      articleId: ids.get(draft.canonicalUrl) ?? null,
      canonicalUrl: draft.canonicalUrl,
      url: draft.url,
      title: draft.title,
      description: draft.description,
      author: draft.author,
      imageUrl: draft.imageUrl,
      language: draft.language,
      publishedAt: draft.publishedAt,
      providers: [source.provider],
      outlets: source.outlet === null ? [] : [source.outlet],
      sources: [sighting],
    });
  }
  return [...stories.values()];
}
