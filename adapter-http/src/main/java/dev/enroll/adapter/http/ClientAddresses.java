package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    /** An IP address as written, never a host name: reading one must not ask DNS. */
    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");
    private static final Pattern PROXY = Pattern.compile("(" + LITERAL.pattern() + ")(?:/\\d{1,3})?");

    private final InetAddressSet trusted = new InetAddressSet();

    /**
     * @param trustedProxies addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8})
     * @throws IllegalArgumentException naming an entry that is neither
     */
    ClientAddresses(List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            if (!PROXY.matcher(proxy).matches()) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + proxy);
            }
            trusted.add(proxy);
        }
    }

    String of(Context ctx) {
        String peer = unbracketed(ctx.ip());
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(ctx.req().getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                hops.add(unbracketed(hop.strip()));
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!LITERAL.matcher(hop).matches()) {
                return client; // Not an address: what a trusted hop wrote ends here.
            }
            if (!isTrusted(hop)) {
                return hop;
            }
            client = hop;
        }
        return client;
    }

    private boolean isTrusted(String address) {
        if (!LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return trusted.test(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return false; // A malformed literal: not a proxy we know.
        }
    }

    private static String unbracketed(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }
}
