# Build stage: the same build command CI's toolchain runs, in release, with the static stdlib.
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product zhibiao

# Runtime stage: only what the binary links against.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 libcurl4 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app zhibiao && mkdir -p /data && chown zhibiao /data
WORKDIR /app
COPY --from=build /src/.build/release/zhibiao /app/zhibiao
COPY config /app/config
COPY Migrations /app/Migrations
USER zhibiao
ENV ZHIBIAO_DATABASE=/data/zhibiao.sqlite ZHIBIAO_CONFIG=/app/config ZHIBIAO_MIGRATIONS=/app/Migrations \
    ZHIBIAO_HOST=0.0.0.0 ZHIBIAO_PORT=8080
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/app/zhibiao"]
CMD ["serve"]
