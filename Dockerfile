# Zhibiao: multi-stage build. `scripts/check-runtime-libs.sh` runs the build command below on
# Debian bookworm and checks that the runtime stage installs exactly the libraries it needs.
#
#   docker build -t zhibiao .
#   docker run -p 8080:8080 -v zhibiao-data:/data zhibiao

# Build stage: the toolchain the project is developed with, release, Swift stdlib linked statically
# so that the runtime image needs no Swift runtime.
# libcurl4-openssl-dev: the report fetcher (Sources/Fetching) links libcurl through its headers
# and pkg-config file.
FROM swift:6.3.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev libcurl4-openssl-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Manifest first: the dependency fetch is cached until Package.swift changes.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product zhibiao \
    && install -D .build/release/zhibiao /out/zhibiao

# Runtime stage: the libraries the binary links (see scripts/check-runtime-libs.sh), curl for the
# health check, CA certificates for loading reports over https, poppler-utils (pdftotext) for
# PDF reports.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 libcurl4 ca-certificates curl poppler-utils \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin zhibiao \
    && mkdir -p /data && chown zhibiao /data
WORKDIR /app
COPY --from=build /out/zhibiao /app/zhibiao
COPY config /app/config
COPY Migrations /app/Migrations
USER zhibiao
# Listen on every interface inside the container; the database lives on the volume.
ENV ZHIBIAO_DATABASE=/data/zhibiao.sqlite ZHIBIAO_CONFIG=/app/config ZHIBIAO_MIGRATIONS=/app/Migrations \
    ZHIBIAO_HOST=0.0.0.0 ZHIBIAO_PORT=8080
VOLUME /data
EXPOSE 8080
# Liveness only: /readyz (database writable) is for load balancers, which should stop routing
# rather than have the container restarted when the disk turns read-only.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# SIGTERM drains in-flight requests (server.shutdown_grace_seconds) and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/zhibiao"]
CMD ["serve"]
