package dev.demoportal.calendar.ui;

import dev.demoportal.base.ui.AccountSection;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.calendar.CalendarService;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.identity.UserService;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** My account's calendar feeds section. */
@Component
class CalendarAccountSection implements AccountSection {

    private final CalendarService calendars;
    private final EnvironmentService environments;
    private final UserService users;
    private final Clock clock;

    CalendarAccountSection(CalendarService calendars, EnvironmentService environments, UserService users, Clock clock) {
        this.calendars = calendars;
        this.environments = environments;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public com.vaadin.flow.component.Component create() {
        boolean staff = !users.me().customer();
        return new CalendarFeedsCard(calendars, staff ? environments : null, staff, ViewerTime.zone(), clock);
    }
}
