// A button that opens the browser's file chooser (the file input itself stays hidden; browser
// tests set files on it through fileTestId). The chosen file goes to onPick; the input is then
// emptied so that choosing the same file again — after fixing it — is noticed.
import { Button, type ButtonProps } from 'antd';
import { useRef, type ReactNode } from 'react';

export function FileButton({
  accept,
  fileTestId,
  testId,
  loading,
  disabled,
  onPick,
  children,
}: {
  accept: string;
  fileTestId: string;
  testId: string;
  loading?: ButtonProps['loading'];
  disabled?: boolean;
  onPick: (file: File) => void;
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={fileTestId}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) onPick(chosen);
        }}
      />
      <Button loading={loading} disabled={disabled} onClick={() => input.current?.click()} data-testid={testId}>
        {children}
      </Button>
    </>
  );
}
