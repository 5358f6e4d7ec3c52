package io.revloop.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Warns at start when the hub answers plain HTTP beyond this machine: tokens and revenue figures would cross the network unencrypted. */
@Component
class ListenAddressWarning {

    private static final Logger log = LoggerFactory.getLogger(ListenAddressWarning.class);

    private final String address;
    private final boolean tls;

    ListenAddressWarning(@Value("${server.address:}") String address, @Value("${server.ssl.enabled:false}") boolean tls) {
        this.address = address;
        this.tls = tls;
    }

    @EventListener
    public void started(WebServerInitializedEvent event) {
        if (!tls && !isLoopback(address)) {
            log.warn("revloop listens on {}:{} with plain HTTP: tokens, session cookies and revenue figures cross the"
                    + " network unencrypted. Put it behind a TLS reverse proxy (README, \"Running it on a server\")"
                    + " or set server.address=127.0.0.1.", address == null || address.isBlank() ? "every interface"
                    : address, event.getWebServer().getPort());
        }
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return false;
        }
    }
}
