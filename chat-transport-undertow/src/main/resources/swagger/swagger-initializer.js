// Replaces the webjar's initializer (which shows the petstore): our own document, no call to the online
// validator, and no "Explore" bar for other documents, so the page talks to nobody but this server.
window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.yaml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
};
