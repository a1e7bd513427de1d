# Clarté: multi-stage image, run as the unprivileged `node` user, data in the /data volume, healthy
# when /ready answers (database, rules and reading workers). The build stage installs every dependency and builds (TypeScript, the
# Lefff / frequency data derived at build time, the command line's startup snapshot); the runtime stage
# keeps production dependencies only. Both stages use the same Node.js image, so the snapshot
# (dist/src/clarte.blob, tied to the node binary and the folder) is used by `clarte analyze` there too.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt binary can be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY rules ./rules
COPY corpora/lexiques ./corpora/lexiques
# The team's letters warm the startup snapshot at build time (they are not in the runtime image).
COPY corpora/lettres ./corpora/lettres
# The annotated fictional letters train the personal-data tagger at build time (only its model ships).
COPY corpora/donnees-personnelles ./corpora/donnees-personnelles
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# SHUTDOWN_TIMEOUT_MS stays under `docker stop`'s 10 s grace period: requests in flight finish first.
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATABASE_PATH=/data/clarte.db SHUTDOWN_TIMEOUT_MS=8000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/rules ./rules
COPY --from=build /app/corpora/lexiques ./corpora/lexiques
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
