package cn.shouwang.server.projects.project;

/** 项目类型 (a fixed code list; names in the bundle {@code projects.type.<code>}). */
public enum ProjectType { INDUSTRY, EMPLOYMENT, INFRASTRUCTURE, PUBLIC_SERVICE, OTHER }
