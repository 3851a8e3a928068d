package dev.cairn.plugins.redis;

/** An error reply from Redis, such as {@code WRONGPASS invalid username-password pair}. */
final class RedisError extends RuntimeException {
    RedisError(String reply) {
        super(reply);
    }

    /** The reply's first word: {@code ERR}, {@code NOAUTH}, {@code WRONGPASS}, {@code LOADING}, … */
    String code() {
        String reply = getMessage();
        int space = reply.indexOf(' ');
        return space < 0 ? reply : reply.substring(0, space);
    }
}
