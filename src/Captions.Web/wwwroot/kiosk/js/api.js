// The kiosk's calls to the box. Every state-changing call carries the anti-forgery token the box handed out; a 401
// means the kiosk session has ended (idle too long, or locked elsewhere), and the page goes back to the PIN.
"use strict";

const CSRF_HEADER = "X-CSRF-TOKEN";

let csrfToken = "";
let onSessionLost = () => {};

export function setCsrfToken(token) {
  csrfToken = typeof token === "string" ? token : "";
}

export function whenSessionLost(callback) {
  onSessionLost = callback;
}

/** The kiosk's state before and after unlocking: whether a PIN is set, whether this browser is in, any lockout. */
export async function kioskState() {
  const answer = await request("GET", "../api/kiosk/", undefined, { quietOn401: true });
  if (answer.ok) {
    setCsrfToken(answer.body.csrfToken);
  }
  return answer;
}

/**
 * Calls the box and reads its answer. Never throws: an unreachable box comes back as status 0 with a problem that says
 * so, and an error answer carries the box's own words (problem details: title, detail, errors by field).
 */
export async function request(method, path, body, { quietOn401 = false } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    headers[CSRF_HEADER] = csrfToken;
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, body: null, problem: { title: "Can't reach the captions box", detail: "Check the tablet is on the box's Wi-Fi, then try again." } };
  }

  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.status === 401 && !quietOn401) {
    onSessionLost();
  }
  return {
    ok: response.ok,
    status: response.status,
    body: response.ok ? parsed : null,
    problem: response.ok ? null : normaliseProblem(response.status, parsed),
  };
}

function normaliseProblem(status, body) {
  const problem = body && typeof body === "object" ? body : {};
  return {
    title: typeof problem.title === "string" ? problem.title : `The box answered ${status}`,
    detail: typeof problem.detail === "string" ? problem.detail : "",
    errors: problem.errors && typeof problem.errors === "object" ? problem.errors : null,
    extra: problem,
  };
}

/** What to tell the volunteer about a refused call, in one sentence or two. */
export function describeProblem(problem) {
  if (!problem) {
    return "";
  }
  return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
}
