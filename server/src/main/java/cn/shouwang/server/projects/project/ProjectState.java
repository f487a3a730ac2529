package cn.shouwang.server.projects.project;

/** 项目状态: 计划, 实施中, 已完工, 已验收 (names in the bundle {@code projects.state.<code>}). */
public enum ProjectState { PLANNED, IN_PROGRESS, COMPLETED, ACCEPTED }
