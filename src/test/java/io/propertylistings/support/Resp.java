package io.propertylistings.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client, enough to build a Redis Cluster, watch Sentinel and read what the service stored,
 * without redis-cli (the embedded-redis jar ships redis-server only). The static calls open one connection per
 * command, for set-up; an instance keeps its connection, for a benchmark's round trips.
 */
public final class Resp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Resp(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 1000);
        socket.setSoTimeout(5000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A kept connection to {@code redis://host:port}. */
    public static Resp connect(String address) throws IOException {
        String hostPort = address.replaceFirst("^redis://", "");
        int colon = hostPort.lastIndexOf(':');
        return new Resp(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The reply: a String, a Long, a List of replies, or null; an error reply is an IOException. */
    public static Object call(int port, String... command) throws IOException {
        try (Resp connection = new Resp("127.0.0.1", port)) {
            return decoded(connection.send(command));
        }
    }

    /** The reply as text (bulk or simple string). */
    public static String text(int port, String... command) throws IOException {
        return String.valueOf(call(port, command));
    }

    /** The reply as it came: a bulk string is a byte[] (values may be binary), else as {@link #call}. */
    public synchronized Object send(String... command) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String part : command) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(request.toByteArray());
        out.flush();
        return read();
    }

    /** The reply as text, on this connection. */
    public String text(String... command) throws IOException {
        return String.valueOf(decoded(send(command)));
    }

    /** An integer reply, or -1 for a null one. */
    public long number(String... command) throws IOException {
        Object reply = send(command);
        return reply == null ? -1 : (Long) reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static Object decoded(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> items) {
            return items.stream().map(Resp::decoded).toList();
        }
        return reply;
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IOException("Redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                line();
                return bytes;
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type " + type + " (" + line + ")");
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }
}
