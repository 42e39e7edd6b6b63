package io.propertylistings.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the WAR ({@code WEB-INF/web.xml}): an error the server answers itself, outside JAX-RS (a
 * failure in a servlet filter, a status a filter or the container sends), gets the same problem body as the
 * rest of the API. Asked for directly it is a 404.
 */
@WebServlet(ProblemServlet.PATH)
public class ProblemServlet extends HttpServlet {

    static final String PATH = "/error";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProblemServlet.class.getName());

    @Inject
    transient Jsonb jsonb;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given ? given : HttpServletResponse.SC_NOT_FOUND;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable thrown) {
            LOG.log(Level.SEVERE, "Unexpected failure outside JAX-RS", thrown);
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problem problem = Problem.of(status).at(path == null ? request.getRequestURI() : path.toString());
        byte[] body = jsonb.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", Problem.CACHE_CONTROL);
        response.setContentType(ProblemMediaType.forAccept(Collections.list(request.getHeaders("Accept"))));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
