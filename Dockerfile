# xlplan's Excel add-in server as a container image, built from this repository's root:
#
#   docker build -t xlplan-addin .
#   docker run -d --name xlplan -p 127.0.0.1:8000:8000 \
#       -e XLPLAN_ADDIN_URL=https://xlplan.example.se \
#       -e XLPLAN_ADDIN_TOKEN_FILE=/run/secrets/xlplan-token \
#       -v /etc/xlplan/token:/run/secrets/xlplan-token:ro \
#       xlplan-addin
#
# The container speaks plain http on port 8000; TLS ends at the organisation's
# reverse proxy in front of it (deploy/nginx.conf). The key goes in as a file,
# not as XLPLAN_ADDIN_TOKEN, because `docker inspect` shows the environment.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

RUN useradd --create-home --uid 10001 --user-group xlplan

# Only what the wheel is built from (.dockerignore keeps the rest out). A regular,
# non-editable install: the image runs what `pip install 'xlplan[addin]'` installs,
# the add-in included (as xlplan._addin), and the sources are gone afterwards.
WORKDIR /build
COPY pyproject.toml README.md ./
COPY xlplan ./xlplan
COPY addin ./addin
COPY template ./template
RUN pip install ".[addin]" && rm -rf /build

WORKDIR /home/xlplan
USER 10001:10001

# Set at `docker run`: the public https address the manifest points at, and the
# file holding the shared key (empty: no key asked for). xlwings' PolyForm
# Noncommercial licence covers public authorities (README, "Licence").
ENV XLPLAN_ADDIN_URL="" \
    XLPLAN_ADDIN_TOKEN_FILE="" \
    XLWINGS_LICENSE_KEY=noncommercial

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)"]
CMD ["xlplan", "serve", "--host", "0.0.0.0", "--port", "8000"]
