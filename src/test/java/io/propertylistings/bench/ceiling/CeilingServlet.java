package io.propertylistings.bench.ceiling;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Below the ceiling's JAX-RS: the same bytes from a plain servlet, to show what JAX-RS itself costs. */
@WebServlet("/raw")
public class CeilingServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response);
    }

    static void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean gzip = CeilingBody.acceptsGzip(request.getHeader("Accept-Encoding"));
        byte[] body = gzip ? CeilingBody.gzip : CeilingBody.identity;
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=900");
        response.setHeader("X-Cache", "HIT");
        response.setHeader("Vary", "Accept, Accept-Encoding");
        response.setHeader("ETag", CeilingBody.ETAG);
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
