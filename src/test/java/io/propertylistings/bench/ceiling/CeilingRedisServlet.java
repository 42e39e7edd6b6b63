package io.propertylistings.bench.ceiling;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The plain servlet with one Redis round trip before it sends the bytes: a {@code GET} of the generation key on a
 * blocking socket of the request thread's own, the cheapest way a request can ask Redis anything (no client
 * library, no thread hand-off). What confirming every hit with Redis costs at the least.
 */
@WebServlet("/redis")
public class CeilingRedisServlet extends HttpServlet {

    static volatile InetSocketAddress redis;
    private static final byte[] GET = ("*2\r\n$3\r\nGET\r\n$27\r\n{all_properties}:generation\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Socket> SOCKETS = new ThreadLocal<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ask();
        CeilingServlet.send(request, response);
    }

    /** Sets the Redis address: {@code PUT /redis?port=N} (loopback). */
    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) {
        redis = new InetSocketAddress("127.0.0.1", Integer.parseInt(request.getParameter("port")));
        response.setStatus(204);
    }

    private static void ask() throws IOException {
        Socket socket = SOCKETS.get();
        if (socket == null || !socket.getRemoteSocketAddress().equals(redis)) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(redis);
            SOCKETS.set(socket);
        }
        OutputStream out = socket.getOutputStream();
        out.write(GET);
        out.flush();
        InputStream in = socket.getInputStream();
        // A bulk string ($<n>\r\n<n bytes>\r\n) or a null one ($-1\r\n): read to the line end, then the payload.
        StringBuilder header = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            header.append((char) c);
        }
        int length = Integer.parseInt(header.substring(1, header.length() - 1));
        if (length >= 0) {
            in.readNBytes(length + 2);
        }
    }
}
