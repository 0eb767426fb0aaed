# Relance: one image with the binary (the SPA embedded). Runs `relance serve --migrate` as a non-root user.
#   docker build -t relance --build-arg VERSION=$(git describe --always --dirty) .

# 1. The SPA (frontend/dist)
FROM node:20-bookworm-slim AS spa
WORKDIR /src
RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json ./
COPY frontend/package.json frontend/
RUN npm ci --no-audit --no-fund
COPY docs/ docs/
COPY frontend/ frontend/
RUN npm run build

# 2. The binary, embedding frontend/dist
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=spa /src/frontend/dist/ frontend/dist/
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/relance ./cmd/relance

# 3. Runtime: CA certificates and time zones, no shell, user nonroot (65532)
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/relance /usr/local/bin/relance
ENV RELANCE_ENV=production \
    RELANCE_ADDR=:8080
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/relance"]
CMD ["serve", "--migrate"]
