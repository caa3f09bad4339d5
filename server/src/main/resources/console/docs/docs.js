// The API description the server serves, drawn by Swagger UI (org.webjars:swagger-ui, from this jar).
// No validator badge: it would send the description to validator.swagger.io.
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
