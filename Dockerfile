# Lyluan: one image for every role (PROCESS_ROLE=all|api|worker).
#
#   docker build -t lyluan .
#   docker compose up -d --build      (see docker-compose.yml and README.md)
#
# NODE_ENV=production, so DATABASE_URL, REDIS_URL, PUBLIC_BASE_URL, JWT_SECRET, STORAGE_DIR,
# SEED_ADMIN_USERNAME and SEED_ADMIN_PASSWORD must be given; the process names any that are missing.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# build: all dependencies, compile TypeScript to dist/ (dist/src, dist/migrations, dist/package.json)
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Install scripts stay off: the only two packages that have one (@scarf/scarf, msgpackr-extract) are
# the ones package.json's "allowScripts" denies; msgpackr-extract's prebuilt binary comes as an
# optional dependency, so nothing needs compiling. npm 10 (in the image) ignores "allowScripts".
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# ---------------------------------------------------------------------------------------------
# runtime: production dependencies and the compiled code only, run as the unprivileged `node` user
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

COPY --from=build /app/dist ./dist
# The reference programmes as course packages, read by the seed from the working directory.
COPY curricula ./curricula

# STORAGE_DIR in docker-compose.yml; a named volume mounted here starts with this ownership.
RUN mkdir -p /app/var/storage && chown -R node:node /app/var

USER node
EXPOSE 3000

# Liveness only (GET /health answers in every role). Readiness, with PostgreSQL and Redis, is
# GET /health/ready: point load balancers at that. No curl in the slim image, so Node's fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:${PORT:-3000}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# On start: create the database if missing, run migrations, run the idempotent seed, then serve.
# SIGTERM drains HTTP and running jobs (SHUTDOWN_TIMEOUT_MS) and exits 0.
CMD ["node", "dist/src/main.js"]
