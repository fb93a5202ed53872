package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Where a request comes from, as the per-address credential throttle counts it: the TCP peer,
 * unless the peer is one of the trusted proxies (the load balancers in front of Enroll); then the
 * last address in {@code X-Forwarded-For} that is not itself a trusted proxy, the one the nearest
 * untrusted hop was seen from. Behind a balancer the peer is always the balancer, and counting it
 * would make one guesser's failures lock every partner out. Without trusted proxies the header is
 * ignored: any client can write it.
 */
final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String IPV4 = OCTET + "(?:\\." + OCTET + "){3}";
    /** An IPv6 literal as far as its characters go; InetAddress reads one with a colon without asking DNS. */
    private static final String IPV6 = "[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,43}";
    /** An address as proxies write it: IPv4 or IPv6, with or without a port ({@code [v6]:port}, {@code v4:port}). */
    private static final Pattern HOP = Pattern.compile("(" + IPV4 + ")(?::\\d{1,5})?|\\[(" + IPV6 + ")](?::\\d{1,5})?|("
            + IPV6 + ")");
    private static final Pattern PROXY = Pattern.compile("(?:" + IPV4 + "|" + IPV6 + ")(?:/\\d{1,3})?");

    private final InetAddressSet trusted = new InetAddressSet();

    /**
     * @param trustedProxies addresses and CIDR ranges ({@code 10.1.2.3}, {@code 10.1.0.0/16}, {@code fd00::/8})
     * @throws IllegalArgumentException naming an entry that is neither
     */
    ClientAddresses(List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            if (!PROXY.matcher(proxy).matches()) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + proxy);
            }
            try {
                trusted.add(proxy);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + proxy
                        + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            }
        }
    }

    /** The address the request comes from, written as {@link InetAddress#getHostAddress()} writes it. */
    String of(Context ctx) {
        InetAddress peer = address(ctx.ip());
        if (peer == null) {
            return ctx.ip();
        }
        if (trusted.isEmpty() || !trusted.test(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(ctx.req().getHeaders(FORWARDED_FOR))) {
            hops.addAll(List.of(header.split(",")));
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = address(hops.get(i).strip());
            if (hop == null) {
                break; // Not an address: what the trusted hops wrote ends here.
            }
            client = hop;
            if (!trusted.test(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /** The address {@code text} writes (port and brackets dropped); {@code null} when it writes none. */
    private static InetAddress address(String text) {
        Matcher hop = HOP.matcher(text);
        if (!hop.matches()) {
            return null;
        }
        String literal = hop.group(1) != null ? hop.group(1) : hop.group(2) != null ? hop.group(2) : hop.group(3);
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
