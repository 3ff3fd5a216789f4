# syntax=docker/dockerfile:1
#
# Flowloom's server as an image. The entrypoint is the bin of @flowloom/server (`flowloom-server`, the same
# command as `flowloom serve`): by default the single-process server over /data/flowloom.sqlite (FLOWLOOM_DB);
# with `--role main|worker|webhook` (or FLOWLOOM_ROLE) one process of a queue-mode installation, which leaves
# FLOWLOOM_DB unread (docs/deploy.md). Arguments after the image name are the command's options.
#
#   docker build -t flowloom:local .

ARG NODE_IMAGE=node:20-bookworm-slim

# A compiler for better-sqlite3, a native module built from source when no prebuilt binary can be had.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Every package built from the sources, with all dependencies, development ones included.
FROM toolchain AS build
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm run build

# The production dependencies of the server and the workspaces it loads, compiled against the runtime's
# base. npm ci checks the lockfile against every workspace, so each workspace's package.json is copied.
FROM toolchain AS deps
COPY package.json package-lock.json ./
COPY packages/engine/package.json packages/engine/
COPY packages/adapters/package.json packages/adapters/
COPY packages/integrations/package.json packages/integrations/
COPY packages/element/package.json packages/element/
COPY packages/cli/package.json packages/cli/
COPY packages/server/package.json packages/server/
RUN npm ci --omit=dev --no-audit --no-fund \
  --workspace @flowloom/server --workspace @flowloom/engine --workspace @flowloom/adapters

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# Listen on every interface of the container (the server's own default is 127.0.0.1).
ENV FLOWLOOM_HOST=0.0.0.0
# The standalone server's SQLite file (and its key file, without FLOWLOOM_ENCRYPTION_KEY); a variable, not a
# --db in CMD, because queue-mode roles refuse --db but ignore variables they do not read.
ENV FLOWLOOM_DB=/data/flowloom.sqlite
WORKDIR /app
COPY --from=deps /app ./
COPY --from=build /app/packages/engine/dist packages/engine/dist
COPY --from=build /app/packages/adapters/dist packages/adapters/dist
COPY --from=build /app/packages/server/dist packages/server/dist
COPY --from=build /app/packages/server/bin packages/server/bin
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 5678
ENTRYPOINT ["node", "/app/packages/server/bin/flowloom-server.js"]
# No options by default (the base image's CMD would be "node").
CMD []
