# One replica of the chat server. Stateless: the index is built into the image, answers are
# computed per request, the cache is per process. Run several replicas behind any load
# balancer (health check: GET /healthz); set CHATBOT_TRUST_PROXY=true only when the balancer
# sets X-Forwarded-For, so rate limits key on the real client.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY constraints.txt pyproject.toml README.md ./
COPY chatbot ./chatbot
# torch is pinned (constraints.txt). Point TORCH_INDEX at a CPU-only wheel index for a small
# image; the default index may serve a multi-GB CUDA build.
ARG TORCH_INDEX=""
RUN pip install ${TORCH_INDEX:+--index-url "$TORCH_INDEX"} torch==2.13.0 \
 && pip install -c constraints.txt .

COPY corpus ./corpus
RUN python -m chatbot build

RUN useradd --system --home /app chatbot && chown -R chatbot /app
USER chatbot
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
# Two workers for two cores; give each replica about 1 CPU per worker and 600 MB.
CMD ["python", "-m", "chatbot", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
