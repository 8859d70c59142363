import { apiError, CONCERNING, statusOf } from "./errors";
import { VISIBILITIES } from "./github-secrets";
import { deleteItem, readItem } from "./item-requests";
import type { AnswerFields } from "./read-answer";
import { variableRoute, variablesRoute } from "./routes";
import type { ProviderContext } from "./context";
import type { Scope } from "../core/scope";
import type { Visibility } from "../core/lookup-results";

// The Actions variables' requests: POST to create (409 when the name exists), PATCH to update, GET (which returns
// the value: variables are plaintext on GitHub) and DELETE. Each is one request; none follows a write with a read.

/** `apiError` with the advice for variables: their permissions are "Variables", not "Secrets". */
function variableError(error: unknown, label: string, action: string, subject: string): Error {
  return apiError(error, label, action, subject, CONCERNING.variables);
}

/** What GitHub tells of a variable. */
export interface VariableOnGitHub {
  name: string;
  value: string;
  createdAt: string;
  updatedAt: string;
  /** Organization variables only. */
  visibility?: Visibility;
}

/** A variable as GitHub describes it in a read or a list, each field checked (the value's text is never shown). */
export function variableOnGitHub(fields: AnswerFields): VariableOnGitHub {
  const visibility = fields.optionalOneOf("visibility", VISIBILITIES);
  return {
    name: fields.text("name"),
    value: fields.text("value"),
    createdAt: fields.timestamp("created_at"),
    updatedAt: fields.timestamp("updated_at"),
    ...(visibility && { visibility }),
  };
}

/** GitHub's clock when it answered a write (ISO 8601 to the second, from the Date header). */
function answeredAt(context: ProviderContext, response: { headers: Record<string, unknown> }): string {
  return context.clock.timeOf(response.headers.date);
}

/** POSTs a new variable; `exists` when GitHub answers 409 (a variable of that name is there already). */
export async function createVariable(
  context: ProviderContext,
  scope: Scope,
  name: string,
  body: Record<string, unknown>,
  label: string,
): Promise<{ at: string } | "exists"> {
  const { route, params } = variablesRoute("POST", scope);
  try {
    return { at: answeredAt(context, await context.client.request(route, { ...params, ...body, name })) };
  } catch (error) {
    if (statusOf(error) === 409) return "exists";
    throw variableError(error, label, "creating the variable", "the scope");
  }
}

/** PATCHes a variable: the fields of `body` only. */
export async function updateVariable(
  context: ProviderContext,
  scope: Scope,
  name: string,
  body: Record<string, unknown>,
  label: string,
): Promise<{ at: string }> {
  const { route, params } = variableRoute("PATCH", scope, name);
  try {
    return { at: answeredAt(context, await context.client.request(route, { ...params, ...body })) };
  } catch (error) {
    throw variableError(error, label, "updating the variable", "the variable");
  }
}

/** GitHub's view of a variable, or undefined when it does not exist (asked again after a fresh write: see `readItem`). */
export async function readVariable(
  context: ProviderContext,
  scope: Scope,
  name: string,
  label: string,
  writtenAt?: string,
): Promise<VariableOnGitHub | undefined> {
  const failed = (error: unknown) => variableError(error, label, "reading the variable", "the scope");
  return readItem(context, variableRoute("GET", scope, name), "the variable", variableOnGitHub, failed, writtenAt);
}

/** Deletes a variable; one that is already gone counts as deleted. */
export async function deleteVariable(
  context: ProviderContext,
  scope: Scope,
  name: string,
  label: string,
): Promise<void> {
  const failed = (error: unknown) => variableError(error, label, "deleting the variable", "the scope");
  await deleteItem(context, variableRoute("DELETE", scope, name), failed);
}
