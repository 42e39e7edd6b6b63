package io.propertylistings.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request over a socket bound to a chosen loopback address (127.x.y.z): how a test plays many
 * clients, each with an address of its own, to a server that throttles per client address. Java's HttpClient
 * cannot pick its local address before Java 19.
 */
public final class RawHttp {

    public record Answer(int status, Map<String, String> headers, String body, long nanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** The request goes to the server's port on 127.0.0.1 (it listens on every interface). */
    public static Answer send(URI base, String sourceAddress, String method, String path, String authorization,
            String jsonBody) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), base.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(base.getPath()).append(path)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(base.getPort()).append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (jsonBody != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            int first = in.read();
            long nanos = System.nanoTime() - started;
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            if (first >= 0) {
                all.write(first);
                in.transferTo(all);
            }
            return parse(all.toByteArray(), nanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Chunk sizes count bytes: the body is decoded only once it is whole.
    static Answer parse(byte[] response, long nanos) {
        String text = new String(response, StandardCharsets.ISO_8859_1); // one char per byte
        int end = text.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = end < 0 ? "" : text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), nanos);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
