package cn.shouwang.server.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.expression.Temporals;

/**
 * The pages' {@code #temporals.format(moment, 'yyyy-MM-dd HH:mm')} in the business time zone ({@link BusinessTimeZone}).
 * PostgreSQL's driver hands a {@code timestamptz} over as an {@code OffsetDateTime} at UTC, and Thymeleaf's own
 * {@code #temporals} prints it as it comes: an audit entry made at 00:30 in Beijing showed as 16:30 the day before.
 * This dialect's {@code #temporals} (the last dialect naming an expression object wins) moves every moment into the
 * business zone first, then formats as Thymeleaf does; dates and local times are left alone.
 */
@Component
class BusinessTimesDialect extends AbstractDialect implements IExpressionObjectDialect {
    static final String NAME = "temporals";

    BusinessTimesDialect() {
        super("shouwang-business-times");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return NAME.equals(name) ? new BusinessTemporals(context.getLocale()) : null;
            }

            @Override
            public boolean isCacheable(String name) {
                return false; // per template run: the locale is the request's
            }
        };
    }

    /** What the templates call on {@code #temporals}. */
    public static final class BusinessTemporals {
        private final Temporals temporals;
        private final ZoneId zone;

        BusinessTemporals(Locale locale) {
            this.zone = ZoneId.systemDefault(); // the business zone: BusinessTimeZone made it the default at start
            this.temporals = new Temporals(locale, zone);
        }

        public @Nullable String format(@Nullable Temporal target, String pattern) {
            return target == null ? null : temporals.format(inZone(target, zone), pattern);
        }

        public @Nullable String format(@Nullable Temporal target) {
            return target == null ? null : temporals.format(inZone(target, zone));
        }

        /** A moment as the business zone's wall clock; a date or a local time as it is. */
        static Temporal inZone(Temporal t, ZoneId zone) {
            if (t instanceof OffsetDateTime o) return o.atZoneSameInstant(zone);
            if (t instanceof ZonedDateTime z) return z.withZoneSameInstant(zone);
            if (t instanceof Instant i) return i.atZone(zone);
            return t;
        }
    }
}
