// HTTP API routes.
