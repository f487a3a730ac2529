package cn.shouwang.screening.feed;

import java.io.IOException;
import java.util.Locale;

/**
 * A file {@link Sheets} cannot read as a spreadsheet at all: not a workbook nor text, an encrypted workbook, a
 * damaged one, an .xls above the size read into memory. Carries a {@link Problem} whose {@link Problem#code()} is a
 * message code of the server's bundles ({@code sheets.unreadable.*}) and its {@link #args()} (the file's name first),
 * so a page says it in the reader's language; the command line prints {@link #oneLine()} (Chinese, then English).
 * The message never holds a cell's content.
 */
public final class UnreadableSheetException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why; the arguments are the file's name ({0}) and, for {@link #TOO_BIG}, the limit in MB ({1}). */
    public enum Problem {
        NOT_SPREADSHEET("sheets.unreadable.notSpreadsheet",
                "「%s」不是 Excel 工作簿（.xlsx、.xls），也不是 UTF-8 或 GBK 编码的 CSV 文本",
                "%s is neither an Excel workbook (.xlsx, .xls) nor CSV text in UTF-8 or GBK"),
        ENCRYPTED("sheets.unreadable.encrypted",
                "「%s」设有打开密码，无法读取；请在 Excel 中取消密码后重新保存",
                "%s is protected by a password; remove it in Excel and save again"),
        DAMAGED("sheets.unreadable.damaged",
                "「%s」无法作为 Excel 工作簿读取，文件可能已损坏；请用 Excel 打开后另存为 .xlsx",
                "%s cannot be read as an Excel workbook, it may be damaged; open it in Excel and save it as .xlsx"),
        OLD_FORMAT("sheets.unreadable.oldFormat",
                "「%s」是 Excel 95 或更早的格式，无法读取；请用 Excel 另存为 .xlsx",
                "%s is in the format of Excel 95 or older; save it as .xlsx"),
        NO_SHEET("sheets.unreadable.noSheet",
                "「%s」中没有工作表",
                "%s holds no sheet"),
        TOO_BIG("sheets.unreadable.tooBig",
                "「%s」是 .xls 格式且大于 %s MB；请用 Excel 另存为 .xlsx 或 CSV 后上传",
                "%s is an .xls file larger than %s MB; save it as .xlsx or CSV");

        private final String code;
        private final String chinese;
        private final String english;

        Problem(String code, String chinese, String english) {
            this.code = code;
            this.chinese = chinese;
            this.english = english;
        }

        /** The message code of the server's bundles. */
        public String code() { return code; }
    }

    private final Problem problem;
    private final Object[] args;

    public UnreadableSheetException(Problem problem, Throwable cause, Object... args) {
        super(problem.english.formatted(args), cause);
        this.problem = problem;
        this.args = args.clone();
    }

    public UnreadableSheetException(Problem problem, Object... args) { this(problem, null, args); }

    public Problem problem() { return problem; }

    /** The message code ({@code sheets.unreadable.*}). */
    public String code() { return problem.code; }

    /** The message's arguments: the file's name, then (for {@link Problem#TOO_BIG}) the limit in MB. */
    public Object[] args() { return args.clone(); }

    public String chinese() { return String.format(Locale.ROOT, problem.chinese, args); }

    /** "中文 (English)" on one line, for the command line. */
    public String oneLine() { return chinese() + " (" + getMessage() + ")"; }
}
