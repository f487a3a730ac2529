package cn.shouwang.server.platform;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A module's figures for one village, gathered by the village page (一村一档, module {@code villagearchive}) from every
 * module that implements this, without the page depending on each of them: a module beside the core (insurance, social
 * assistance, projects, jobs, credit, elderly visits, moral bank) contributes a few lines about the village, each with a
 * link to its own list filtered to the village. The caller has checked that the user may see the village; an
 * implementation still reads only that village's rows.
 */
public interface VillageFigures {

    /**
     * This module's figures for the village, in the order to show them; empty when it has nothing there.
     *
     * @param villageCode the village's 12-digit code
     * @param year        the year the page shows (figures that run per year use it; counts of today ignore it)
     */
    List<Figure> villageFigures(String villageCode, int year);

    /**
     * One line of the village page.
     *
     * @param groupKey message key of the module's heading (e.g. {@code nav.insurance}); lines with one key are shown together
     * @param labelKey message key of the line's label (a sentence is the page's job: label, then value)
     * @param value    the value as shown, already formatted (a count, an amount in yuan with two decimals, a share)
     * @param link     where the figure comes from (the module's list filtered to the village), or null
     */
    record Figure(String groupKey, String labelKey, String value, @Nullable String link) {}
}
