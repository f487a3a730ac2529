package cn.shouwang.server.villagearchive.documents;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The kinds of file the archive keeps, as read from a file's content; each with the extensions that claim it. */
public enum ContentKind {
    PDF("application/pdf", "pdf"),
    JPEG("image/jpeg", "jpg", "jpeg"),
    PNG("image/png", "png"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    TEXT("text/plain;charset=UTF-8", "txt", "csv");

    private final String mediaType;
    private final String[] extensions;

    ContentKind(String mediaType, String... extensions) {
        this.mediaType = mediaType;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The extension a downloaded copy gets. */
    public String extension() {
        return extensions[0];
    }

    /** The kind a file name's extension claims, or null for a name without a known one. */
    public static @Nullable ContentKind claimedBy(@Nullable String fileName) {
        if (fileName == null) return null;
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) return null;
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ContentKind k : values()) {
            for (String e : k.extensions) if (e.equals(ext)) return k;
        }
        return null;
    }
}
