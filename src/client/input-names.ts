// How a caller names what the spec names: path parameters in camelCase, the project's left out.

/** The path parameter every operation has; the client fills it in from its `projectId`. */
export const PROJECT_ID_PARAMETER = "project_id";
export type ProjectIdParameter = typeof PROJECT_ID_PARAMETER;
