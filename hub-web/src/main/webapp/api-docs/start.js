// Swagger UI for the hub's own OpenAPI document, served by the hub (no third-party hosts).
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "../openapi",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
  });
});
