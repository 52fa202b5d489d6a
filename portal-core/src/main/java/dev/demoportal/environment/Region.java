package dev.demoportal.environment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "region")
class Region {

    @Id
    private String code;

    private String name;

    private String awsRegion;

    private String timeZone;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected Region() {
        this("", "", "", "", Instant.EPOCH);
    }

    Region(String code, String name, String awsRegion, String timeZone, Instant now) {
        this.code = code;
        this.name = name;
        this.awsRegion = awsRegion;
        this.timeZone = timeZone;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void update(RegionForm form, Instant now) {
        if (name.equals(form.name().strip())
                && awsRegion.equals(form.awsRegion())
                && timeZone.equals(form.timeZone())) {
            return; // touching updatedAt would bump the version and refuse other admins' edits
        }
        this.name = form.name().strip();
        this.awsRegion = form.awsRegion();
        this.timeZone = form.timeZone();
        this.updatedAt = now;
    }

    String code() {
        return code;
    }

    long version() {
        return version;
    }

    RegionSummary toView() {
        return new RegionSummary(code, name, awsRegion, timeZone, version);
    }
}
