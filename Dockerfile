# ocpi-conformance in a container: the harness installed from this checkout, and Allure 3 (from
# package-lock.json) for the HTML report. The entrypoint is the CLI:
#   docker build -t ocpi-conformance .
#   docker run --rm ocpi-conformance cases
#   docker run --rm -v "$PWD/out:/work/out" ocpi-conformance run --output out --report
# Node 20 (Allure 3 needs it) comes from the official image, Python 3.11 from its Debian.
FROM node:20-bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/ocpi-conformance

# Allure 3 first: this layer changes only when the pinned version does
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

# the harness, a regular (not editable) install of this checkout with its suites and fixtures
COPY pyproject.toml README.md ./
COPY ocpi_conformance ./ocpi_conformance
COPY suites ./suites
COPY fixtures ./fixtures
RUN python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check .

# `allure` on PATH: the harness finds it there whatever the working folder
ENV PATH="/opt/venv/bin:/opt/ocpi-conformance/node_modules/.bin:${PATH}" \
    PYTHONUNBUFFERED=1

# runs as the image's unprivileged user; results go to /work (mount a folder there)
RUN mkdir /work && chown node:node /work
USER node
WORKDIR /work
ENTRYPOINT ["ocpi-conformance"]
CMD ["--help"]
