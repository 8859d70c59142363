/** An HTTP error answered with GitHub's error body (`message`, `documentation_url`, `status`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function notFound(): ApiError {
  return new ApiError(404, "Not Found");
}

export function invalid(message: string): ApiError {
  return new ApiError(422, message);
}

export function found<T>(value: T | undefined): T {
  if (value === undefined) throw notFound();
  return value;
}
