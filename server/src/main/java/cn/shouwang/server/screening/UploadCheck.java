package cn.shouwang.server.screening;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.Column;
import cn.shouwang.screening.feed.FeedFiles;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.HeaderMap;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.feed.RowParser;
import cn.shouwang.screening.feed.RowRejected;
import cn.shouwang.screening.feed.SheetCell;
import cn.shouwang.screening.feed.SheetRows;
import cn.shouwang.screening.feed.Sheets;
import cn.shouwang.screening.feed.UnreadableSheetException;
import cn.shouwang.screening.feed.Values;
import cn.shouwang.screening.feed.XlsxLimitException;
import cn.shouwang.screening.feed.XlsxRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * Reads an uploaded department file once, as the engine will: the header with {@link HeaderMap}, every data row
 * with the engine's own {@link RowParser} for the kind, through the one spreadsheet reader {@link Sheets} (.xlsx within
 * {@link XlsxRows.Limits}, .xls, CSV in UTF-8 or GB18030). Refuses (nothing is
 * stored) a file that cannot be read, goes past a reading limit, lacks the kind's columns, has no data row, or whose
 * rows are mostly unusable: more than {@link #MAX_REJECTED_SHARE} of them rejected (a file of the right header and
 * random bytes reads as thousands of rows without one valid id number). What passes carries its counts and the
 * most frequent reasons, to be shown before it replaces anything.
 */
@Component
class UploadCheck {
    /** A file is refused when more than this share of its data rows are rejected (setting {@code shouwang.screening.max-rejected-share}). */
    static final double MAX_REJECTED_SHARE = 0.5;
    /** How many reasons are kept and shown. */
    static final int REASONS = 3;

    private final MessageSource messages;
    private final double maxRejectedShare;

    UploadCheck(MessageSource messages,
                @Value("${shouwang.screening.max-rejected-share:" + MAX_REJECTED_SHARE + "}") double maxRejectedShare) {
        this.messages = messages;
        this.maxRejectedShare = maxRejectedShare;
    }

    /** A reason and how many rows had it. */
    record Reason(long rows, String reason) implements java.io.Serializable {}

    /** What a file holds; {@code digitsLost}: id numbers Excel had stored as numbers (rejected, counted in the reasons). */
    record Checked(long rows, long rejected, List<Reason> reasons, long digitsLost) {
        /** "count\treason" lines, as stored in {@code screening_upload.reject_reasons}. */
        String stored() {
            StringBuilder sb = new StringBuilder();
            for (Reason r : reasons) sb.append(r.rows()).append('\t').append(r.reason()).append('\n');
            return sb.toString();
        }

        static List<Reason> parse(String stored) {
            List<Reason> out = new ArrayList<>();
            if (stored == null) return out;
            for (String line : stored.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) out.add(new Reason(Long.parseLong(line.substring(0, tab)), line.substring(tab + 1)));
            }
            return out;
        }
    }

    Checked check(FeedKind kind, Path file, String name) {
        return check(kind, file, name, null);
    }

    /** A failure to write what was read to {@code also} (the stored file): not the upload's fault. */
    private static final class NotStored extends RuntimeException {
        NotStored(IOException cause) { super(cause); }
    }

    /**
     * As {@link #check(FeedKind, Path, String)}, handing every header and record read to {@code also} as well (when
     * not null), after it was checked: the server renders a workbook upload as CSV into its sealed stored file so. A
     * failure of {@code also} comes out as an {@link java.io.UncheckedIOException}, not as a refusal.
     *
     * <p>The file is read by {@link Sheets} (.xlsx, .xls or CSV by its content; a workbook's first sheet). An id number
     * Excel stored as a number ({@link SheetCell#digitsLost()}) is rejected as such by the row parser, never checked;
     * when they are more than half of the id column's filled cells the whole file is refused
     * ({@code screening.upload.idDigitsLost}): the column was exported as numbers and every match would be wrong.
     */
    Checked check(FeedKind kind, Path file, String name, FeedFiles.RecordHandler also) {
        HeaderMap[] header = {null};
        int[] idColumn = {-1};
        long[] counts = {0, 0};
        long[] ids = {0, 0, 0}; // filled id cells, of them stored as numbers, the first line of one
        boolean[] first = {true};
        HeaderMap.MissingColumnsException[] firstMissing = {null};
        Map<String, long[]> reasons = new HashMap<>();
        try {
            Sheets.read(file, name, XlsxRows.Limits.DEFAULTS, new SheetRows() {
                @Override public boolean sheet(String sheet) {
                    boolean read = first[0];
                    first[0] = false;
                    return read;
                }

                @Override public void row(String sheet, int line, List<SheetCell> cells) {
                    if (header[0] == null) {
                        List<String> texts = new ArrayList<>(cells.size());
                        for (SheetCell c : cells) texts.add(c.text());
                        try {
                            header[0] = HeaderMap.of(kind, texts);
                        } catch (HeaderMap.MissingColumnsException m) {
                            // a title line above the header (what ledgers exported from Excel often carry): look a few
                            // lines further, to tell the sender where the header is, before naming missing columns
                            if (firstMissing[0] == null) firstMissing[0] = m;
                            if (line >= TITLE_LINES + 1) throw firstMissing[0];
                            return;
                        }
                        if (firstMissing[0] != null) throw new TitleAboveHeader(line);
                        idColumn[0] = header[0].indexOf(Column.ID_NUMBER);
                        pass(() -> also.header(texts, line));
                        return;
                    }
                    counts[0]++;
                    int i = idColumn[0];
                    if (i >= 0 && i < cells.size() && !cells.get(i).isBlank()) {
                        ids[0]++;
                        if (cells.get(i).digitsLost() && ids[1]++ == 0) ids[2] = line;
                    }
                    RawRecord r = RawRecord.ofCells(cells);
                    try {
                        RowParser.department(header[0], r, line);
                    } catch (RowRejected e) {
                        counts[1]++;
                        reasons.computeIfAbsent(e.reason(), k -> new long[1])[0]++;
                    }
                    pass(() -> also.record(r, line));
                }

                private void pass(Write w) {
                    if (also == null) return;
                    try {
                        w.run();
                    } catch (IOException e) {
                        throw new NotStored(e);
                    } catch (Exception e) {
                        throw new NotStored(new IOException(e));
                    }
                }
            });
        } catch (XlsxLimitException e) {
            throw new UploadService.UploadRefusedException("screening.upload.tooBig", name, limit(e));
        } catch (UnreadableSheetException e) {
            throw new UploadService.UploadRefusedException(e.code(), e.args());
        } catch (NotStored n) {
            throw new java.io.UncheckedIOException((IOException) n.getCause());
        } catch (HeaderMap.MissingColumnsException m) {
            throw missing(kind, name, m);
        } catch (TitleAboveHeader t) {
            throw new UploadService.UploadRefusedException("screening.upload.titleAboveHeader", name, t.line, t.line - 1);
        } catch (IOException | RuntimeException e) {
            throw new UploadService.UploadRefusedException("screening.upload.unreadable", name);
        }
        if (header[0] == null && firstMissing[0] != null) throw missing(kind, name, firstMissing[0]);
        if (header[0] == null) throw new UploadService.UploadRefusedException("screening.upload.noHeader", name);
        if (counts[0] == 0) throw new UploadService.UploadRefusedException("screening.upload.headerOnly", name);
        if (ids[1] > 0 && ids[1] * 2 > ids[0]) {
            throw new UploadService.UploadRefusedException("screening.upload.idDigitsLost", name, ids[1], ids[0], ids[2]);
        }
        List<Reason> top = new ArrayList<>();
        reasons.forEach((reason, n) -> top.add(new Reason(n[0], reason)));
        top.sort(Comparator.comparingLong(Reason::rows).reversed().thenComparing(Reason::reason));
        List<Reason> kept = new ArrayList<>(top.subList(0, Math.min(REASONS, top.size())));
        // the numbers Excel damaged are always named, whatever their count: the fix is the sender's
        for (Reason r : top) if (r.reason().endsWith(Values.DIGITS_LOST_REASON) && !kept.contains(r)) kept.add(r);
        Checked c = new Checked(counts[0], counts[1], List.copyOf(kept), ids[1]);
        if (c.rejected() > c.rows() * maxRejectedShare) {
            throw new UploadService.UploadRefusedException("screening.upload.mostlyRejected", name, c.rows(), c.rejected(),
                    c.reasons(), kindName(kind));
        }
        return c;
    }

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    private static UploadService.UploadRefusedException missing(FeedKind kind, String name, HeaderMap.MissingColumnsException m) {
        List<Column> columns = new ArrayList<>();
        for (String english : m.columns().split(",")) {
            Column c = column(english.trim());
            if (c != null) columns.add(c);
        }
        return new UploadService.UploadRefusedException("screening.upload.missingColumns", name, kindName(kind),
                new ColumnNames(List.copyOf(columns), m.columns()));
    }

    /** How many lines above the header a file may carry before its first line is taken as a wrong header. */
    static final int TITLE_LINES = 5;

    /** The header was found below title lines: the engine reads the first line as the header (feeds.md). */
    private static final class TitleAboveHeader extends RuntimeException {
        final int line;

        TitleAboveHeader(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** Missing columns, named in the reader's language when the message is made (身份证号、结算日期 / id_number, …). */
    record ColumnNames(List<Column> columns, String english) {
        String in(Locale locale, String separator) {
            if (columns.isEmpty()) return english;
            boolean zh = !"en".equals(locale.getLanguage());
            List<String> names = new ArrayList<>();
            for (Column c : columns) names.add(zh ? c.chinese().get(0) : c.english());
            return String.join(separator, names);
        }
    }

    private static MessageSourceResolvable kindName(FeedKind kind) {
        return new DefaultMessageSourceResolvable(new String[] {KindNames.key(kind)}, kind.name());
    }

    /** A refusal in words, in {@code locale}: numbers as the locale writes them, reasons in words. */
    String message(UploadService.UploadRefusedException e, Locale locale) {
        Object[] args = e.args().clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof ColumnNames c) {
                args[i] = c.in(locale, messages.getMessage("screening.upload.columnSeparator", null, locale));
            } else if (args[i] instanceof List<?> l) {
                List<Reason> rs = new ArrayList<>();
                for (Object o : l) rs.add((Reason) o);
                args[i] = reasons(rs, locale);
            }
        }
        return messages.getMessage(e.code(), args, e.code(), locale);
    }

    /** The limit in words, with its value ("共享字符串（xl/sharedStrings.xml）超过 10,000,000 个"). */
    static MessageSourceResolvable limit(XlsxLimitException e) {
        long max = switch (e.limit()) {
            case PART_BYTES, PARTS_TOTAL_BYTES, SHEET_BYTES, SHARED_STRINGS_BYTES, XML_TOKEN -> e.max() >> 20;
            default -> e.max();
        };
        return new DefaultMessageSourceResolvable(new String[] {"screening.upload.limit." + e.limit().name()},
                new Object[] {e.part(), max}, e.limit().name());
    }

    /** "身份证号校验位不正确 12 行；结算日期不是有效日期 3 行" (reasons of rejects.csv in words). */
    String reasons(List<Reason> reasons, Locale locale) {
        List<String> parts = new ArrayList<>();
        for (Reason r : reasons) {
            parts.add(messages.getMessage("screening.upload.reasonRows", new Object[]{reason(r.reason(), locale), r.rows()}, locale));
        }
        return String.join(messages.getMessage("screening.upload.reasonSeparator", null, locale), parts);
    }

    /**
     * One reject reason of the row parser in words: "id_number check character" → 身份证号校验位不正确. A column is named
     * as the engine names it in a header: its first Chinese name, or in English its English name.
     */
    String reason(String reason, Locale locale) {
        boolean zh = !"en".equals(locale.getLanguage());
        if (reason.equals(Values.DIGITS_LOST_REASON)) return messages.getMessage("screening.reject.idDigitsLost", null, reason, locale);
        for (IdNumber.Problem p : IdNumber.Problem.values()) {
            if (p.code().equals(reason)) {
                return messages.getMessage("screening.reject.idNumber." + p.name(), null, reason, locale);
            }
        }
        int space = reason.lastIndexOf(' ');
        if (space > 0) {
            String col = reason.substring(0, space);
            String what = reason.substring(space + 1);
            Column c = column(col);
            if (c != null && messages.getMessage("screening.reject." + what, null, null, locale) != null) {
                return messages.getMessage("screening.reject." + what, new Object[]{zh ? c.chinese().get(0) : col}, locale);
            }
        }
        if (reason.equals("month")) return messages.getMessage("screening.reject.format",
                new Object[]{messages.getMessage("screening.reject.column.month", null, locale)}, locale);
        return reason;
    }

    private static Column column(String english) {
        for (Column c : Column.values()) if (c.english().equals(english)) return c;
        return null;
    }

}
