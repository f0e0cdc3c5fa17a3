package dev.tripswitch.rules;

import java.net.URI;

/**
 * {@code agent.cluster}: breakers shared between the JVMs of a namespace through Redis.
 *
 * @param redis     {@code redis://[user:password@]host[:port][/db]} or {@code rediss://} (TLS)
 * @param namespace the JVMs that share breakers; other namespaces on the same Redis are not seen
 * @param secret    the namespace's shared secret: messages are signed with it (HMAC-SHA256) and
 *                  unsigned or wrongly signed ones dropped; null for none
 */
public final class ClusterSettings {
    private final URI redis;
    private final String namespace;
    private final String secret;

    public ClusterSettings(URI redis, String namespace, String secret) {
        this.redis = redis;
        this.namespace = namespace;
        this.secret = secret;
    }

    public URI redis() {
        return redis;
    }

    public String namespace() {
        return namespace;
    }

    public String secret() {
        return secret;
    }

    public static final int DEFAULT_PORT = 6379;
    public static final String DEFAULT_NAMESPACE = "default";

    /** The address without its password, for logs, JMX and {@code /health}. */
    public String redacted() {
        String user = redis.getUserInfo();
        String name = user == null || !user.contains(":") ? "" : user.substring(0, user.indexOf(':'));
        String who = user == null ? "" : (name.isEmpty() ? "***" : name + ":***") + "@";
        return redis.getScheme() + "://" + who + redis.getHost() + ":" + port() + (database() == 0 ? "" : "/" + database());
    }

    public boolean tls() {
        return "rediss".equals(redis.getScheme());
    }

    public int port() {
        return redis.getPort() < 0 ? DEFAULT_PORT : redis.getPort();
    }

    /** The database number of the URI's path, 0 when none. */
    public int database() {
        String path = redis.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    }

    /** The user of the URI, or null (then the password alone authenticates, as {@code requirepass}). */
    public String user() {
        String info = redis.getUserInfo();
        if (info == null || !info.contains(":")) {
            return null;
        }
        String u = info.substring(0, info.indexOf(':'));
        return u.isEmpty() ? null : u;
    }

    /** The password of the URI, or null. */
    public String password() {
        String info = redis.getUserInfo();
        if (info == null) {
            return null;
        }
        return info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
    }

    public ClusterSettings(URI redis, String namespace) {
        this(redis, namespace, null);
    }

    /** Never the password nor the secret: a record's generated text would print them whole. */
    @Override
    public String toString() {
        return "ClusterSettings[" + redacted() + ", namespace=" + namespace + (secret == null ? "" : ", signed") + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ClusterSettings)) {
            return false;
        }
        ClusterSettings other = (ClusterSettings) o;
        return java.util.Objects.equals(redis, other.redis)
            && java.util.Objects.equals(namespace, other.namespace)
            && java.util.Objects.equals(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(redis, namespace, secret);
    }
}
