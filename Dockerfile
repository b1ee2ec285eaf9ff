# syntax=docker/dockerfile:1
# Ágora's image: `docker build -t agora .` (compose.yaml builds it too). See docs/operations.md.

# --- build: the web client (Vite) and the server bundle (esbuild), with the development dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- run: production dependencies only, the built files, as an unprivileged user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/agora \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY locales ./locales
# DATA_DIR holds uploaded avatars (and, without SMTP_URL, e-mails as .eml files; without DATABASE_URL,
# the embedded database): a volume shared by every app container.
RUN mkdir -p /var/lib/agora && chown node:node /var/lib/agora
VOLUME ["/var/lib/agora"]
# The `node` user of the base image (uid 1000); nothing under /app is writable by it.
USER node
EXPOSE 3000
# Ready: the process answers and its database does (503 while the database is away or while draining).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Pending migrations are applied at start under a PostgreSQL advisory lock: several containers may
# start together. SIGTERM drains the process within 15 s.
CMD ["node", "dist/server/main.js"]
