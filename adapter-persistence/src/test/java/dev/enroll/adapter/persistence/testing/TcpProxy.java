package dev.enroll.adapter.persistence.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.Driver;

/**
 * A TCP proxy on a loopback port in front of a real server, for fault tests: it passes bytes
 * through until told to misbehave the way networks and servers do.
 * <ul>
 *   <li>{@link Mode#BLACK_HOLE}: connections stay open, and new ones are accepted, but no byte
 *       gets through in either direction (a partitioned network, a frozen server);</li>
 *   <li>{@link Mode#REFUSE}: every open connection is cut and new ones are closed at once (a
 *       server restarting);</li>
 *   <li>{@link Mode#SLOW}: every chunk is held back for {@link #slowDelay} first.</li>
 * </ul>
 * Bytes held in a black hole are dropped, never delivered later.
 */
public final class TcpProxy implements AutoCloseable {

    public enum Mode { PASS, BLACK_HOLE, REFUSE, SLOW }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile Mode mode = Mode.PASS;
    private volatile Duration slowDelay = Duration.ofMillis(200);
    private volatile boolean closed;
    private final AtomicLong swallowed = new AtomicLong();

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code host:port}, passing everything through for now. */
    public static TcpProxy to(String host, int port) throws IOException {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    /** A proxy to the server a JDBC URL names, read as the driver reads it. */
    public static TcpProxy inFrontOf(String jdbcUrl) throws IOException {
        Properties server = Driver.parseURL(jdbcUrl, new Properties());
        return to(server.getProperty("PGHOST"), Integer.parseInt(server.getProperty("PGPORT")));
    }

    /** How many bytes a black hole has swallowed so far on their way to the server. */
    public long swallowedBytes() {
        return swallowed.get();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code jdbcUrl} with its host and port replaced by this proxy's. */
    public String rewrite(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
    }

    public void mode(Mode newMode) {
        this.mode = newMode;
        if (newMode == Mode.REFUSE) {
            sockets.forEach(TcpProxy::closeQuietly);
        }
    }

    public void slowDelay(Duration delay) {
        this.slowDelay = delay;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue;
            }
            if (mode == Mode.REFUSE) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 2000);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        boolean towardServer = direction.equals("up");
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    Mode now = mode;
                    if (now == Mode.BLACK_HOLE) {
                        if (towardServer) {
                            swallowed.addAndGet(read);
                        }
                        continue;
                    }
                    if (now == Mode.SLOW) {
                        Thread.sleep(slowDelay.toMillis());
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away, or the proxy cut it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
