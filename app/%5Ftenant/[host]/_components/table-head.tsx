/** A table's header row; columns ending in ">" are right-aligned (numbers). */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="bg-stone-100">
      <tr>
        {columns.map((column) => {
          const right = column.endsWith(">");
          return (
            <th key={column} scope="col" className={`p-3${right ? " text-right" : ""}`}>
              {right ? column.slice(0, -1) : column}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
