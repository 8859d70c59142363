import { apiError, UnreadableAnswer } from "./errors";
import { fieldsOf, type Answer } from "./read-answer";

const answer = (data: unknown): Answer => ({
  status: 200,
  headers: { "content-type": "application/json; charset=utf-8" },
  data,
});
const read = (data: unknown) => fieldsOf(answer(data), data, "the secret");

test("each field is checked for the type GitHub documents, and a wrong one names the field and what it held", () => {
  const fields = read({
    name: "A",
    created_at: "2026-12-01T01:00:00Z",
    updated_at: 17,
    key_id: 568250167242549743n,
    id: 1.5,
    visibility: "everyone",
  });
  expect(fields.text("name")).toBe("A");
  expect(fields.timestamp("created_at")).toBe("2026-12-01T01:00:00Z");
  expect(fields.idText("key_id")).toBe("568250167242549743");
  expect(() => fields.idText("id")).toThrow(/the secret's id is a number, not an id/);
  expect(() => fields.timestamp("updated_at")).toThrow(
    new UnreadableAnswer("the secret's updated_at is a number, not a time", 200, "application/json; charset=utf-8"),
  );
  expect(() => fields.optionalOneOf("visibility", ["all", "private", "selected"])).toThrow(
    /the secret's visibility is "everyone", not one of "all", "private", "selected"/,
  );
  expect(fields.optionalOneOf("missing", ["all"])).toBeUndefined();
  expect(() => fields.text("missing")).toThrow(/the secret's missing is missing, not a text/);
  expect(() => read({ created_at: "yesterday" }).timestamp("created_at")).toThrow(
    /created_at is "yesterday", not a time/,
  );
  expect(() => read("<html>")).toThrow(/the secret is "<html>", not a JSON object/);
  expect(() => read([1])).toThrow(/the secret is a list, not a JSON object/);
});

test("an unreadable answer is reported as such, never as a network failure", () => {
  const error = (() => {
    try {
      read({ updated_at: null }).timestamp("updated_at");
    } catch (e) {
      return e;
    }
  })();
  const message = apiError(error, "RepoSecret o/r/S", "reading the secret", "the scope").message;
  expect(message).toMatch(
    /^RepoSecret o\/r\/S: reading the secret failed: GitHub's answer could not be read: the secret's updated_at is null, not a time \(status 200, content type "application\/json; charset=utf-8"\)\./,
  );
  expect(message).not.toMatch(/could not reach|may have reached/);
});
