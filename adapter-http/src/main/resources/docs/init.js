// Renders this service's own OpenAPI document; everything comes from the service, nothing from a CDN.
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // Every operation's summary is shown on load, so every path is on the page without a click.
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  validatorUrl: null
});
