/**
 * Signing in through a browser: the hub as a backend-for-frontend and a confidential OpenID Connect
 * client (authorization code flow with PKCE, state and nonce; {@code client_secret_basic} or {@code
 * private_key_jwt}). The tokens stay on the server; the browser holds only an HttpOnly, Secure,
 * SameSite session cookie, and sends the session's CSRF token with every state-changing call. This
 * package decides nothing about access: the signed-in session becomes a caller like a bearer token
 * does ({@code security.SessionOrBearer}), and the same rules apply.
 */
package no.bindeledd.web.signin;
