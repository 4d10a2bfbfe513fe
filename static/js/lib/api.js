/**
 * fetch() for our JSON API: sends the CSRF token, parses JSON, and turns failures into
 * ApiError with a message a reader can act on.
 */
export class ApiError extends Error {
  constructor(message, { status = 0, body = null } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export function messageFor(status, body) {
  if (body && typeof body.detail === "string") return body.detail;
  if (status === 0) return "You seem to be offline. Your change was kept here; we will retry.";
  if (status === 401 || status === 403) return "Your session has ended. Log in again to continue.";
  if (status === 404) return "That item no longer exists.";
  if (status === 412) return "This was changed elsewhere. Review both versions.";
  if (status === 413) return "That is too long to save.";
  if (status === 429) return "Too many requests. Wait a moment and try again.";
  if (status >= 500) return "The server had a problem. Try again in a moment.";
  return `The request failed (${status}).`;
}

export async function apiFetch(url, { method = "GET", body, headers = {}, signal } = {}) {
  const init = {
    method,
    signal,
    credentials: "same-origin",
    headers: { Accept: "application/json", ...headers },
  };
  if (method !== "GET" && method !== "HEAD") init.headers["X-CSRFToken"] = csrfToken();
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(messageFor(0, null), { status: 0 });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(messageFor(response.status, data), { status: response.status, body: data });
  }
  return { status: response.status, data, headers: response.headers };
}
