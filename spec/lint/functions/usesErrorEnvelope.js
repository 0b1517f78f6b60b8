// A 400 must be a $ref to a shared response whose JSON schema is a $ref to the shared envelope;
// checked on the unresolved document, because after resolution an inline copy looks the same.
const RESPONSE_REF = /^#\/components\/responses\/([^/]+)$/;

export default function usesErrorEnvelope(response, options, context) {
  const envelopeRef = `#/components/schemas/${options.schema}`;
  const ref = response?.$ref;
  const match = typeof ref === "string" ? RESPONSE_REF.exec(ref) : null;
  if (!match) {
    return [{ message: "400 must be a $ref to a response in components.responses" }];
  }
  const shared = context.document.data?.components?.responses?.[match[1]];
  const schemaRef = shared?.content?.["application/json"]?.schema?.$ref;
  if (schemaRef !== envelopeRef) {
    return [{ message: `${ref} must use the schema ${envelopeRef}` }];
  }
  return [];
}
