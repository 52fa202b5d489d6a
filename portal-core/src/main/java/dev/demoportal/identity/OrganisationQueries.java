package dev.demoportal.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Organisations' e-mail domains and member counts, in plain SQL: they are not part of the entity. */
@Component
class OrganisationQueries {

    private final JdbcClient jdbc;

    OrganisationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every organisation's e-mail domains, each list in alphabetical order. */
    Map<UUID, List<String>> emailDomains() {
        return jdbc
                .sql("select organisation_id, domain from organisation_email_domain order by domain")
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** How many portal users belong to each organisation (organisations without any are left out). */
    Map<UUID, Long> memberCounts() {
        return jdbc
                .sql("select organisation_id, count(*) from portal_user "
                        + "where organisation_id is not null group by organisation_id")
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    boolean emailDomainTaken(String domain) {
        Integer taken = jdbc.sql("select count(*) from organisation_email_domain where domain = ?")
                .param(domain)
                .query(Integer.class)
                .single();
        return taken != null && taken > 0;
    }

    void addEmailDomain(String domain, UUID organisationId) {
        jdbc.sql("insert into organisation_email_domain (domain, organisation_id) values (?, ?)")
                .params(domain, organisationId)
                .update();
    }
}
