package dev.demoportal.booking;

import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Turns booking rows into the read model the UI and the API show, looking up holders in bulk. */
@Component
class BookingSummaries {

    private final UserService users;

    BookingSummaries(UserService users) {
        this.users = users;
    }

    /** Holders by id, one query for all of {@code list}. */
    Map<UUID, UserAccount> holders(List<Booking> list) {
        return users.accounts(list.stream().map(Booking::holderId).toList());
    }

    List<BookingSummary> views(List<Booking> list, Map<UUID, EnvironmentSummary> environmentsById, Instant now) {
        Map<UUID, UserAccount> holders = holders(list);
        return list.stream()
                .map(b -> view(b, environmentsById.get(b.environmentId()), now, holders))
                .toList();
    }

    BookingSummary view(Booking b, EnvironmentSummary environment, Instant now) {
        return view(
                b,
                environment,
                now,
                users.account(b.holderId()).map(a -> Map.of(a.id(), a)).orElse(Map.of()));
    }

    static BookingSummary view(Booking b, EnvironmentSummary environment, Instant now, Map<UUID, UserAccount> holders) {
        return view(b, environment, now, holder(b.holderId(), holders));
    }

    static BookingSummary view(Booking b, EnvironmentSummary environment, Instant now, Holder holder) {
        return new BookingSummary(
                b.id(),
                environment.id(),
                environment.slug(),
                environment.name(),
                b.slotNo(),
                holder,
                b.startsAt(),
                b.endsAt(),
                b.status(now),
                b.purpose(),
                b.customer(),
                b.checkedInAt(),
                b.version());
    }

    static Holder holder(UUID id, Map<UUID, UserAccount> people) {
        UserAccount person = people.get(id);
        return person == null ? holder(id, null, null) : holder(person.id(), person.displayName(), person.email());
    }

    /** The holder from a row's columns ({@code name} null: no such user). */
    static Holder holder(UUID id, @Nullable String name, @Nullable String email) {
        return name == null ? new Holder(id, "unknown user", null) : new Holder(id, name, email);
    }
}
