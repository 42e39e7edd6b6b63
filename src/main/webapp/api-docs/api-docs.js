// Swagger UI on this service's OpenAPI document, everything found relative to this page, so that it works under
// any context root and behind a proxy. MicroProfile OpenAPI answers at the server's root: that is the
// application's at context root "/" or behind a proxy that maps a prefix to it; under another context root it is
// the server's /openapi.
const application = new URL('..', document.baseURI);

function openapi(url) {
  return fetch(url, {headers: {Accept: 'application/json'}})
    .then(answer => answer.ok ? answer.json() : Promise.reject(new Error(url + ' answered ' + answer.status)));
}

openapi(new URL('openapi', application))
  .catch(() => openapi(new URL('/openapi', application)))
  .then(described => {
    // Try it out sends to the application that served this page: the servers the document names are the
    // server's own listeners, which a browser on another host name or behind a proxy reaches cross-origin or not
    // at all.
    described.servers = [{url: application.href.replace(/\/$/, ''), description: 'this service'}];
    window.ui = SwaggerUIBundle({
      spec: described,
      dom_id: '#swagger-ui',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout'
    });
  })
  .catch(failure => {
    document.getElementById('swagger-ui').textContent = 'The API description could not be read: ' + failure.message;
  });
