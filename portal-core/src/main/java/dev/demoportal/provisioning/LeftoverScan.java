package dev.demoportal.provisioning;

import java.util.List;

/**
 * One search of the final "nothing left" check of a teardown or rollback, beyond the names the
 * portal used: resources of one kind that carry the sandbox's id in a tag or label.
 *
 * @param what what was searched, for the receipt (e.g. "IAM roles tagged portal:sandbox-id=…")
 * @param found what it found; empty when nothing is left
 */
public record LeftoverScan(String what, List<String> found) {

    public LeftoverScan {
        found = List.copyOf(found);
    }

    public static LeftoverScan clean(String what) {
        return new LeftoverScan(what, List.of());
    }
}
