package dev.demoportal.base.api;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A caller that came with an API token of its own: rate limits are kept per token, not per user. */
public interface TokenBound {

    @Nullable
    UUID tokenId();
}
