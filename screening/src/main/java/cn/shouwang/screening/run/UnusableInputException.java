package cn.shouwang.screening.run;

/** Input the comparison cannot use at all (missing registry file, unreadable directory...): one line, both languages. */
public final class UnusableInputException extends Exception {
    private final String chinese;

    public UnusableInputException(String chinese, String english) {
        super(english);
        this.chinese = chinese;
    }

    public String chinese() { return chinese; }

    /** "中文 (English)" on one line. */
    public String oneLine() { return chinese + " (" + getMessage() + ")"; }
}
