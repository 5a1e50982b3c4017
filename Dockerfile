# One image for the API, the worker and the migrations; the command picks which:
#   API (default)  node dist/src/main-api.js
#   worker         node dist/src/main-worker.js
#   migrations     node dist/scripts/db-migrate.js
# Node 24 is the active LTS; the code also runs on Node 20 (CI tests both). Bookworm (glibc), not
# Alpine: @node-rs/argon2 ships glibc builds. Pin a digest (@sha256:...) where builds must be
# byte-for-byte reproducible; the tag is bumped deliberately.
ARG NODE_IMAGE=node:24.11.1-bookworm-slim

# Build: every dependency, then TypeScript compiled to dist/ (no tsx or esbuild at run time).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY deploy/tsconfig.build.json ./deploy/
COPY src ./src
COPY scripts/db-migrate.ts ./scripts/
RUN npx tsc -p deploy/tsconfig.build.json
# The web app, built with Vite; the compiled server serves it from dist/web/dist
# (src/http/web-app.routes.ts resolves ../../web/dist from its own file).
COPY web ./web
RUN npm run build

# Production dependencies only, in their own stage so dev tools never reach the runtime layer.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node (which drains, see src/server.ts) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
# Owned by root and read-only to the app user: the process cannot rewrite its own code.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./dist/web/dist
USER node
EXPOSE 8080
# Slim images have no curl; node's fetch does the probe. Liveness only: readiness (database,
# Redis) is the load balancer's /health/ready check, so a database outage does not kill tasks.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main-api.js"]
