package io.propertylistings.support.hooks;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only: {@code GET /test-hooks/log?message=…} answers how often that message was logged; {@code ?audit} the
 * audit lines.
 */
@WebServlet("/log")
public class LogCountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        if (request.getParameter("audit") != null) {
            response.getWriter().write(String.join("\n", LogCounter.audit()));
            return;
        }
        AtomicLong count = LogCounter.COUNTS.get(request.getParameter("message"));
        response.getWriter().write(Long.toString(count == null ? 0 : count.get()));
    }
}
